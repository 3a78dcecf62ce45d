"""English as our organisers write it: day before month (25/10/2006), as with
"en-gb" before the site had three languages; Django's plain "en" is American."""

from django.conf.locale.en_GB import formats as _british

DATE_FORMAT = _british.DATE_FORMAT
TIME_FORMAT = _british.TIME_FORMAT
DATETIME_FORMAT = _british.DATETIME_FORMAT
YEAR_MONTH_FORMAT = _british.YEAR_MONTH_FORMAT
MONTH_DAY_FORMAT = _british.MONTH_DAY_FORMAT
SHORT_DATE_FORMAT = _british.SHORT_DATE_FORMAT
SHORT_DATETIME_FORMAT = _british.SHORT_DATETIME_FORMAT
FIRST_DAY_OF_WEEK = _british.FIRST_DAY_OF_WEEK
DATE_INPUT_FORMATS = _british.DATE_INPUT_FORMATS
DATETIME_INPUT_FORMATS = _british.DATETIME_INPUT_FORMATS
DECIMAL_SEPARATOR = _british.DECIMAL_SEPARATOR
THOUSAND_SEPARATOR = _british.THOUSAND_SEPARATOR
NUMBER_GROUPING = _british.NUMBER_GROUPING
