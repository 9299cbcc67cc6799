-- Bound arithmetic and wording, defined once for every view and query.
-- A NULL low means "no lower bound beyond zero" (counts are never negative);
-- a NULL high means "no upper bound".

create or replace macro qualifier_for_bounds(low, high) as case
    when low is not null and high is not null and low = high then 'exact'
    when high is null and coalesce(low, 0) > 0 then 'at_least'
    when high is not null and coalesce(low, 0) = 0 then 'at_most'
    when high is not null then 'range'
    else 'unknown'
end;

create or replace macro amount_text(amount, unit) as case
    -- A share is shown to one decimal, but a whole one as the source prints it: 64%, not 64.0%.
    when unit = 'percent' and amount = round(amount) then format('{:.0f}%', amount)
    when unit = 'percent' then format('{:.1f}%', amount)
    else format('{:,}', round(amount)::bigint)
end;

-- The words a reader sees for a number; the charts, tables and exports all use this.
create or replace macro figure_text(qualifier, value, low, high, unit) as case qualifier
    when 'exact' then amount_text(coalesce(value, low), unit)
    when 'at_least' then 'at least ' || amount_text(coalesce(value, low), unit)
    when 'more_than' then 'more than ' || amount_text(value, unit)
    when 'nearly' then 'nearly ' || amount_text(value, unit)
    when 'about' then 'about ' || amount_text(value, unit)
    when 'range' then amount_text(low, unit) || '–' || amount_text(high, unit)
    when 'at_most' then 'at most ' || amount_text(high, unit)
    else 'unknown'
end;

-- "approximately 25–30": a source's hedge on top of its qualifier ("about" already says it).
create or replace macro hedged_text(approximate, qualifier, text) as case
    when approximate and qualifier not in ('about', 'unknown') then 'approximately ' || text
    else text
end;
