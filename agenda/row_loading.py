"""Many rows into model instances, cheaply: what `people_loading` reads an agenda with.

Two costs dominate Django's own path when an agenda of hundreds of items is read
(a third of an export's time at 200 items, and most of it at 4):

- compiling the queryset into SQL, each time (about 0.3 ms a query however small);
- `Model.__init__` for each row (signals, modeltranslation's constructor, every
  field through its descriptor): about ten times the cost of reading the row.

`Prepared` compiles a queryset once per database, language and number of ids and
keeps its SQL (not the connection: each thread has its own); each run puts new ids
in place of the ones it was compiled with and executes it through the connection's
cursor, so query logs and counts see it as any query.
`Prepared.instances` builds each row's instance as `Model.from_db` would leave
it (the loaded columns in `__dict__`, the others deferred, `_state` not adding,
on this database), with its `select_related` objects cached on it and its
annotations set; without calling `__init__`. That is only the same instance as
long as no `pre_init`/`post_init` receiver would do more than modeltranslation's
own (which removes the flag its constructor sets): a model with another receiver,
or with its own `from_db` other than `TracksCalendarFields`', is built by its
`from_db` instead (checked when the query is compiled: receivers connect when
the apps are ready).
"""

from __future__ import annotations

import threading
import types
from collections.abc import Callable, Sequence

from django.db import connections
from django.db.models import Model, QuerySet, signals
from django.db.models.base import ModelState

# Ids the queryset is compiled with: no real row has them, and no other parameter
# of these queries (statuses, booleans) is an integer this far below zero.
_SENTINEL_BASE = -(2**62)
# Compiled queries kept per connection (one per query, language and number of ids).
_KEPT = 64


def _plain_from_db(model) -> bool:
    """Whether `model.from_db` and its signals leave what `_build` leaves."""
    from modeltranslation.translator import delete_mt_init

    from .models import TracksCalendarFields

    own = getattr(model.from_db, "__func__", None)
    plain = (
        getattr(Model.from_db, "__func__", None),
        getattr(TracksCalendarFields.from_db, "__func__", None),
    )
    if own not in plain:
        return False
    if signals.pre_init.has_listeners(model):
        return False
    groups = signals.post_init._live_receivers(model) or ()
    receivers = [receiver for group in groups for receiver in group]
    return all(receiver is delete_mt_init for receiver in receivers)


class _Part:
    """One model's columns in a row: the main model or one `select_related` object."""

    def __init__(self, klass_info: dict, select: list, db: str, shared: frozenset):
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.attnames = [column[0].target.attname for column in select[self.start : self.end]]
        self.pk_at = self.attnames.index(self.model._meta.pk.attname)
        self.db = db
        self.plain = _plain_from_db(self.model)
        self.calendar_fields = [
            (name, at)
            for at, name in enumerate(self.attnames)
            if name in getattr(self.model, "CALENDAR_FIELDS", ())
        ]
        self.shared = self.model in shared
        self.children = [
            (info["local_setter"], info["remote_setter"], _Part(info, select, db, shared))
            for info in klass_info.get("related_klass_infos", ())
        ]

    def build(self, row, seen: dict):
        values = row[self.start : self.end]
        pk = values[self.pk_at]
        if pk is None:  # a nullable foreign key without a row: select_related gives None
            return None
        if self.shared:
            instance = seen.get((self.model, pk))
            if instance is not None:
                return instance
        if self.plain:
            instance = self.model.__new__(self.model)
            instance.__dict__.update(zip(self.attnames, values, strict=True))
            state = instance._state = ModelState()
            state.adding = False
            state.db = self.db
            if self.calendar_fields:  # as TracksCalendarFields.from_db keeps them
                instance._loaded = {name: values[at] for name, at in self.calendar_fields}
        else:
            instance = self.model.from_db(self.db, self.attnames, values)
        for local_setter, remote_setter, child in self.children:
            related = child.build(row, seen)
            local_setter(instance, related)
            if related is not None:
                remote_setter(related, instance)
        if self.shared:
            seen[(self.model, pk)] = instance
        return instance


class _Compiled:
    def __init__(self, queryset: QuerySet, sentinels: list[int], shared: frozenset):
        compiler = queryset.query.get_compiler(using=queryset.db)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        which = {value: n for n, value in enumerate(sentinels)}
        # (where in the parameters, which id): an id may be used more than once.
        self.id_positions = [
            (position, which[value])
            for position, value in enumerate(self.params)
            if isinstance(value, int) and value in which
        ]
        # Kept without the connection they were compiled on (each thread has its own):
        # the backend's converters are bound again to the connection of each run.
        ops = compiler.connection.ops
        self.converters = [
            (position, [_unbound(function, ops) for function in functions], expression)
            for position, (functions, expression) in compiler.get_converters(
                [column[0] for column in compiler.select]
            ).items()
        ]
        self.annotations = list(compiler.annotation_col_map.items())
        self.part = _Part(compiler.klass_info, compiler.select, queryset.db, shared)


class Prepared:
    """A query over the rows of some ids (`build(ids)` gives its queryset), compiled
    once per database, language and number of ids; `shared`: models built once
    per primary key in one run (e.g. the organisation of many people)."""

    def __init__(
        self,
        build: Callable[[list[int]], QuerySet],
        *,
        shared: Sequence[type[Model]] = (),
    ):
        self._build = build
        self._shared = frozenset(shared)
        self._kept: dict[tuple, _Compiled] = {}
        self._lock = threading.Lock()

    def _compiled(self, ids: list[int], db: str) -> _Compiled:
        from django.utils.translation import get_language

        key = (db, connections[db].vendor, get_language(), len(ids))
        compiled = self._kept.get(key)
        if compiled is None:
            sentinels = [_SENTINEL_BASE - n for n in range(len(ids))]
            compiled = _Compiled(self._build(sentinels).using(db), sentinels, self._shared)
            with self._lock:
                if len(self._kept) >= _KEPT:
                    self._kept.clear()
                self._kept[key] = compiled
        return compiled

    def instances(self, ids: Sequence[int], *, db: str = "default") -> list:
        """The instances of the rows of `ids`, in the query's order."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return []
        compiled = self._compiled(ids, db)
        params = list(compiled.params)
        for position, n in compiled.id_positions:
            params[position] = ids[n]
        connection = connections[db]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            converters = _bound(compiled.converters, connection.ops)
            rows = [_converted(row, converters, connection) for row in rows]
        seen: dict = {}
        part = compiled.part
        annotations = compiled.annotations
        built = []
        for row in rows:
            instance = part.build(row, seen)
            for name, at in annotations:
                setattr(instance, name, row[at])
            built.append(instance)
        return built


def _unbound(function, ops) -> tuple[bool, Callable]:
    """(whether it is a method of the backend's operations, the function)."""
    if getattr(function, "__self__", None) is ops:
        return True, function.__func__
    return False, function


def _bound(converters, ops) -> list:
    return [
        (
            position,
            [types.MethodType(f, ops) if of_ops else f for of_ops, f in functions],
            expression,
        )
        for position, functions, expression in converters
    ]


def _converted(row, converters, connection) -> list:
    row = list(row)
    for position, functions, expression in converters:
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    return row
