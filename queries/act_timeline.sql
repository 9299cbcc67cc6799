-- One act's life in date order: its key date and every dated step (submitted, adopted, in force,
-- implementation), then each count of its reach, releases and political prisoners grouped by date
-- and stage, and any expectation whose date has passed with no count from that date on
-- ("overdue", checked against today's date). Two sources that date one step differently give two rows.
with key_date as (
    select a.act_id, a.act_date as event_date, a.act_date_event as event, false as date_inferred,
        [c.credit_text] as source_names, 1 as source_count, null::varchar as note
    from acts as a
    join source_credits as c using (source_id)
    where a.act_id = $act_id
        -- a step a source dates more precisely ('2021' against '2021-11-05') is drawn once, by that date
        and not exists (select 1 from act_events as e
                        where e.act_id = a.act_id and starts_with(e.date, a.act_date))
),

events as (
    select e.act_id, e.date as event_date, e.event, bool_or(e.date_inferred) as date_inferred,
        list(s.credit_text order by s.credit_text) as source_names, count(*) as source_count,
        string_agg(e.note, ' ') as note
    from act_events as e
    join source_credits as s using (source_id)
    where e.act_id = $act_id
    group by e.act_id, e.date, e.event
),

steps as (
    select
        event_date as as_of,
        'step' as row_kind,
        replace(replace(event, '_', ' '), 'in force', 'entered into force') as label,
        event,
        null::varchar as stage,
        false as overdue,
        date_inferred as as_of_inferred,
        source_names,
        source_count,
        note
    from (select * from key_date union all select * from events)
),

counted as (
    select *
    from all_figures
    where act_id = $act_id
        and role in ('scope', 'release', 'political_prisoners')
        and measure_id not in ('political_prisoners_listed', 'political_prisoners_estimated',
            'political_prisoner_groups_listed', 'religious_believers_listed',
            'religious_believers_share_of_list', 'political_prisoner_groups_reached')
        and stage <> 'expected'
        and not derived
),

counts as (
    select
        f.as_of,
        'count' as row_kind,
        string_agg(f.measure_label || ' ' || f.value_text, '; '
            order by f.role = 'scope' desc, f.low desc nulls last) as label,
        -- the figures the label names, in its order, so a chart words them in the reader's language
        list({
            measure_label: f.measure_label, value_text: f.value_text, qualifier: f.qualifier,
            value: f.value, low: f.low, high: f.high, unit: f.unit, approximate: f.approximate
        } order by f.role = 'scope' desc, f.low desc nulls last) as figures,
        f.stage,
        false as overdue,
        bool_or(f.as_of_inferred) as as_of_inferred,
        list_distinct(flatten(list(cr.credits))) as source_names,
        max(f.source_count) as source_count,
        null::varchar as note
    from counted as f
    left join figure_credits as cr using (figure_id)
    group by f.as_of, f.stage
),

implementation_end as (
    select min(date) as end_date from act_events
    where act_id = $act_id and event = 'implementation_end'
),

checked_on as (
    select max(accessed) as checked from sources
),

expectations as (
    select
        coalesce(ie.end_date, f.as_of) as as_of,
        'expected' as row_kind,
        f.measure_label || ' ' || f.value_text as label,
        [{
            measure_label: f.measure_label, value_text: f.value_text, qualifier: f.qualifier,
            value: f.value, low: f.low, high: f.high, unit: f.unit, approximate: f.approximate
        }] as figures,
        f.stage,
        coalesce(ie.end_date < strftime(current_date, '%Y-%m-%d')
            and not exists (
                select 1 from all_figures as later
                where later.act_id = f.act_id and later.role = f.role
                    -- a count from before the due date cannot say whether the forecast came true
                    and later.stage in ('interim', 'final') and later.as_of >= ie.end_date), false)
            as overdue,
        f.as_of_inferred,
        cr.credits as source_names,
        f.source_count,
        f.note
    from all_figures as f
    cross join implementation_end as ie
    left join figure_credits as cr using (figure_id)
    where f.act_id = $act_id and f.stage = 'expected' and not f.derived
),

final as (
    select * from steps
    union all by name select * from counts
    union all by name select * from expectations
)

select
    $act_id as act_id,
    as_of,
    row_kind,
    label,
    event,
    figures,
    stage,
    overdue,
    (select checked from checked_on) as sources_checked_on,
    as_of_inferred,
    source_names,
    source_count,
    note
from final
order by as_of, row_kind = 'count', row_kind = 'expected', label
