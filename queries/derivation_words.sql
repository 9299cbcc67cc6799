-- Every derivation SQL wrote (in English, from its inputs' value_text) with its inputs' bounds,
-- so each can be worded in the reader's language (amnesty.wording.derivation_words).
select distinct derivation, derivation_bounds
from all_figures
where derived and derivation is not null
