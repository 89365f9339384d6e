-- 0005: the user's own closeness rating of a person, 1 (distant) to 5 (closest). It is the best
-- single indicator of tie strength, so when given it carries 60% of S (science.md section 2).

ALTER TABLE person ADD COLUMN closeness INTEGER CHECK (closeness BETWEEN 1 AND 5);
