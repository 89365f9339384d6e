-- 0038 (issue 15): a person's referrals are found by index. The referral table had no index
-- on either person, so each lookup of one person's pairs (`kith show`'s "knows" lines, once
-- for the person and once for each contact they know; `kith path`, the network page) read every
-- referral, and deleting a person (ON DELETE CASCADE) did too.

CREATE INDEX IF NOT EXISTS referral_referrer ON referral(referrer_id);
CREATE INDEX IF NOT EXISTS referral_referred ON referral(referred_id);
