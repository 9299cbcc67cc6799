-- Every derived number: release totals, "not broken down" remainders, rates and coverage shares.
-- Bounds are carried through the arithmetic, so a derived figure is never more exact than the
-- published figures it comes from: "at least 16,000" minus 1,750 is "at least 14,250", and one
-- "approximately" among the inputs makes the result approximate ("approximately 61–66").
-- Counts are combined only within one act, stage and as-of date: an interim count of January is
-- never added to one of February.
create or replace table derived_figures as
with published as (
    select * from published_figures
),

release_parts as (
    select
        act_id,
        stage,
        as_of,
        count(*) as part_count,
        sum(coalesce(low, 0)) as low,
        case when count(high) = count(*) then sum(high) end as high,
        bool_or(approximate) as approximate,
        list(figure_id order by coalesce(low, high) desc) as derived_from,
        string_agg(value_text, ' + ' order by coalesce(low, high) desc) as parts_text
    from published
    -- 'released' is a source's own total of every category, never one of the parts
    where role = 'release' and measure_id <> 'released'
    group by act_id, stage, as_of
),

breakdown_parts as (
    select
        act_id,
        stage,
        as_of,
        sum(coalesce(low, 0)) as low,
        case when count(high) = count(*) then sum(high) end as high,
        bool_or(approximate) as approximate,
        list(figure_id order by coalesce(low, high) desc) as derived_from,
        string_agg(value_text, ' + ' order by coalesce(low, high) desc) as parts_text
    from published
    where role in ('release', 'relief') and measure_id <> 'released'
    group by act_id, stage, as_of
),

released_totals as (
    select act_id, stage, 'released_total' as measure_id, low, high, approximate, as_of, derived_from,
        parts_text as derivation
    from release_parts
    where part_count > 1
),

remainders as (
    select
        scope.act_id,
        scope.stage,
        'not_broken_down' as measure_id,
        greatest(coalesce(scope.low, 0) - parts.high, 0) as low,
        scope.high - parts.low as high,
        scope.approximate or parts.approximate as approximate,
        scope.as_of,
        list_prepend(scope.figure_id, parts.derived_from) as derived_from,
        scope.value_text || ' − (' || parts.parts_text || ')' as derivation
    from published as scope
    join breakdown_parts as parts using (act_id, stage, as_of)
    where scope.role = 'scope'
),

expected_totals as (
    select
        released.act_id,
        expected.stage,
        'political_prisoners_released_expected_total' as measure_id,
        released.low + expected.low as low,
        released.high + expected.high as high,
        released.approximate or expected.approximate as approximate,
        expected.as_of,
        [released.figure_id, expected.figure_id] as derived_from,
        released.value_text || ' + ' || expected.value_text as derivation
    from published as released
    -- the releases counted by the date of the forecast, plus the forecast
    join published as expected using (act_id, as_of)
    where released.measure_id = 'political_prisoners_released'
        and expected.measure_id = 'political_prisoners_expected_release'
),

-- Everything a ratio can be taken of, under one key per act.
ratio_inputs as (
    select act_id, stage, measure_id as input, low, high, approximate, as_of,
        [figure_id] as derived_from, value_text as input_text
    from published
    union all
    select act_id, stage, 'scope', low, high, approximate, as_of, [figure_id], value_text
    from published where role = 'scope'
    union all
    select act_id, stage, 'released_all', low, high, approximate, as_of, derived_from,
        case when part_count > 1 then '(' || parts_text || ')' else parts_text end
    from release_parts
    union all
    select act_id, stage, measure_id, low, high, approximate, as_of, derived_from,
        '(' || derivation || ')'
    from expected_totals
),

ratio_definitions (measure_id, numerator, denominator, same_stage) as (
    values
        ('release_rate', 'released_all', 'scope', true),
        ('believers_share_of_list', 'religious_believers_listed', 'political_prisoners_listed', false),
        ('coverage_share_of_list', 'political_prisoners_released', 'political_prisoners_listed', false),
        ('expected_coverage_share_of_list', 'political_prisoners_released_expected_total', 'political_prisoners_listed', false),
        ('coverage_share_of_believers', 'political_prisoners_released', 'religious_believers_listed', false),
        ('expected_coverage_share_of_believers', 'political_prisoners_released_expected_total', 'religious_believers_listed', false),
        ('groups_reached_share', 'political_prisoner_groups_reached', 'political_prisoner_groups_listed', false)
),

ratios as (
    select
        n.act_id,
        n.stage,
        r.measure_id,
        -- low / high-of-denominator and high / low-of-denominator bound the true share.
        100 * n.low / d.high as low,
        100 * n.high / nullif(d.low, 0) as high,
        n.approximate or d.approximate as approximate,
        greatest(n.as_of, d.as_of) as as_of,
        list_concat(n.derived_from, d.derived_from) as derived_from,
        n.input_text || ' ÷ ' || d.input_text as derivation
    from ratio_definitions as r
    join ratio_inputs as n on n.input = r.numerator
    join ratio_inputs as d on d.input = r.denominator and d.act_id = n.act_id
        and (not r.same_stage or (d.stage = n.stage and d.as_of = n.as_of))
),

derived as (
    select * from released_totals
    union all by name select * from remainders
    union all by name select * from expected_totals
    union all by name select * from ratios
),

numbered as (
    select *, row_number() over () as derived_row
    from derived
),

-- Each derivation's published inputs with their bounds, in the order of derived_from, which is the
-- order their value_text appears in the derivation: so the arithmetic can be worded in the reader's
-- language (amnesty.wording.derivation_words) and never reparsed from English.
input_bounds as (
    select
        n.derived_row,
        list({
            qualifier: p.qualifier, value: p.value, low: p.low, high: p.high, unit: p.unit,
            approximate: p.approximate, value_text: p.value_text
        } order by n.position) as derivation_bounds
    from (
        select derived_row, unnest(derived_from) as input_id,
            generate_subscripts(derived_from, 1) as position
        from numbered
    ) as n
    join published as p on p.figure_id = n.input_id
    group by n.derived_row
),

final as (
    select
        -- act.measure, and .as_of where the act has that derived measure at several dates
        d.act_id || '.' || d.measure_id || case
            when count(*) over (partition by d.act_id, d.measure_id) > 1 then '.' || d.as_of else ''
        end as figure_id,
        d.act_id,
        a.label as act_label,
        a.title as act_title,
        a.year,
        d.measure_id,
        m.label as measure_label,
        m.role,
        d.stage,
        case when d.low = d.high then d.low end as value,
        qualifier_for_bounds(d.low, d.high) as qualifier,
        d.approximate,
        d.low,
        d.high,
        m.unit,
        d.as_of,
        false as as_of_inferred,
        hedged_text(d.approximate, qualifier_for_bounds(d.low, d.high),
            figure_text(qualifier_for_bounds(d.low, d.high), d.low, d.low, d.high, m.unit)) as value_text,
        null::varchar as source_id,
        null::varchar as source_name,
        null::varchar as source_publisher,
        null::varchar as source_kind,
        null::varchar as source_url,
        null::varchar as attributed_to,
        null::varchar as attributed_name,
        null::varchar as attributed_kind,
        null::varchar as quote,
        null::varchar as quote_language,
        null::varchar as qualifier_words,
        null::varchar as locator,
        []::varchar[] as source_ids,
        0 as source_count,
        null::varchar as published,
        null::varchar as disagreement,
        null::varchar as note,
        true as derived,
        d.derivation,
        d.derived_from,
        b.derivation_bounds
    from numbered as d
    left join input_bounds as b using (derived_row)
    join measures as m using (measure_id)
    join acts as a using (act_id)
)

select * from final;
