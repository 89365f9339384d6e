-- 0030 (issue 15): the birthdays in the coming week, a hook the week's choice reads, from an
-- index on the birthday instead of a scan of every contact (50 → under 1 ms on profile L).

CREATE INDEX IF NOT EXISTS person_birthday ON person(birthday_month, birthday_day);
