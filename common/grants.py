"""Granting model permissions to a group from a data migration."""


def grant(apps, group_name: str, permissions: dict[str, dict[str, tuple[str, ...]]]) -> None:
    """Give `group_name` the permissions {app_label: {model: (action, …)}}.

    Django creates permissions after all migrations have run; a data migration
    that hands them out must create them first.
    """
    from django.contrib.auth.management import create_permissions

    for app_label in permissions:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for app_label, models in permissions.items():
        for model, actions in models.items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


def revoke_app(apps, group_name: str, app_label: str) -> None:
    """Take every permission of `app_label` from `group_name` (a grant's reverse)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=group_name).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label))


def revoke_models(apps, group_name: str, app_label: str, models: tuple[str, ...]) -> None:
    """Take the permissions on some models of `app_label` from `group_name`."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=group_name).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label=app_label, content_type__model__in=models
            )
        )
