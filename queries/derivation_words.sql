-- The derivations SQL wrote (in English, from its inputs' value_text) that a view shows, with their
-- inputs' bounds, so each can be worded in the reader's language (amnesty.wording.derivations_in).
-- Only those asked for: at a million figures there are 32,012, and reading them all took a second
-- (issue 16).
select derivation, any_value(derivation_bounds) as derivation_bounds
from all_figures
where derived and derivation in (select unnest($derivations::varchar[]))
group by derivation
order by derivation
