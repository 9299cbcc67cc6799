-- The named groups of political prisoners and whether the 2025–26 act reached them. A group's size
-- is the figure its size_figure_id points to; where no source gives one the size stays NULL and its
-- text says so, never 0. `releases` lists the group's members released and expected, from the
-- figures its released_figure_id and expected_figure_id point to (empty where none is given).
with groups as (
    select
        g.*,
        row_number() over () as file_order
    from prisoner_groups as g
),

final as (
    select
        g.group_id,
        g.act_id,
        g.name as group_name,
        g.parent_group_id,
        parent.name as parent_group_name,
        g.reach,
        case g.reach when 'partly' then 'reached in part' else replace(g.reach, '_', ' ') end
            as reach_text,
        g.size_figure_id,
        size.measure_label as size_measure_label,
        size.qualifier,
        size.low,
        size.high,
        coalesce(size.unit, 'persons') as unit,
        coalesce(size.value_text, 'size not given') as size_text,
        -- the bounds the texts are worded from, so a chart words them in the reader's language
        -- (NULL where no source gives the figure)
        case when size.figure_id is not null then {
            qualifier: size.qualifier, value: size.value, low: size.low, high: size.high,
            unit: size.unit, approximate: size.approximate
        } end as size_bounds,
        g.quote,
        (select s.language from sources as s where s.source_id = g.source_id and g.quote is not null)
            as quote_language,
        g.note,
        coalesce(cr.credits, []::varchar[]) as credits,
        coalesce(rel.releases, []) as releases,
        g.file_order,
        coalesce(parent.file_order, g.file_order) as top_group_order,
        reached.value_text as groups_reached_text,
        listed.value_text as groups_listed_text,
        listed.note as groups_listed_note,
        case when reached.figure_id is not null then {
            qualifier: reached.qualifier, value: reached.value, low: reached.low,
            high: reached.high, unit: reached.unit, approximate: reached.approximate
        } end as groups_reached_bounds,
        case when listed.figure_id is not null then {
            qualifier: listed.qualifier, value: listed.value, low: listed.low, high: listed.high,
            unit: listed.unit, approximate: listed.approximate
        } end as groups_listed_bounds
    from groups as g
    left join groups as parent on parent.group_id = g.parent_group_id
    left join all_figures as size on size.figure_id = g.size_figure_id
    left join all_figures as reached
        on reached.act_id = g.act_id and reached.measure_id = 'political_prisoner_groups_reached'
    left join all_figures as listed
        on listed.act_id = g.act_id and listed.measure_id = 'political_prisoner_groups_listed'
    left join (
        select
            r.group_id,
            list({
                figure_id: f.figure_id, measure_label: f.measure_label, value_text: f.value_text,
                qualifier: f.qualifier, low: f.low, high: f.high, stage: f.stage, as_of: f.as_of,
                value: f.value, unit: f.unit, approximate: f.approximate,
                quote: f.quote, quote_language: f.quote_language, note: f.note, derivation: f.derivation, credits: fc.credits
            } order by r.release_rank) as releases
        -- One row per linked figure, released before expected, so the joins below are equality
        -- joins (an IN join scans every figure).
        from (
            select group_id, unnest([released_figure_id, expected_figure_id]) as figure_id,
                unnest([1, 2]) as release_rank
            from prisoner_groups
        ) as r
        join all_figures as f on f.figure_id = r.figure_id
        left join figure_credits as fc on fc.figure_id = f.figure_id
        group by r.group_id
    ) as rel on rel.group_id = g.group_id
    left join (
        select g2.group_id, list(c.credit_text order by c.credit_text = s.credit_text desc) as credits
        from prisoner_groups as g2
        join source_credits as s on s.source_id = g2.source_id
        join source_credits as c on c.source_id in (g2.source_id, g2.attributed_to)
        group by g2.group_id
    ) as cr on cr.group_id = g.group_id
)

select * from final
-- Reached groups first, then the rest in the order the source names them, each subgroup under its group.
order by act_id, reach = 'not_reached', top_group_order, parent_group_id nulls first, file_order
