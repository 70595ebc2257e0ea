"""English dates as the network writes them: day, month, year ("27 June 2017"), a 24-hour
clock. Django's own English formats are American ("June 27, 2017", "2:05 p.m."); the names
not set here (input formats, separators) stay Django's."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday
