-- Who a chart must credit. Every source gets one line of words naming it and its kind
-- ("AI-written secondary press", "official", "monitor"), and every figure, published or derived,
-- gets the ordered list of those lines: its own source first, then whom it attributes the number to.
-- A derived figure credits the sources of the published figures it is computed from.
create or replace table source_credits as
with described as (
    select
        s.source_id,
        s.short_name,
        s.kind,
        concat_ws(' ',
            case when s.ai_written then 'AI-written' end,
            case when s.secondary then 'secondary' end,
            replace(s.kind, '_', ' ')) as kind_text,
        via.short_name as reported_in_name
    from sources as s
    left join sources as via on via.source_id = s.reported_in
),

final as (
    select
        source_id,
        short_name,
        kind,
        kind_text,
        short_name || ' — ' || kind_text
            || coalesce(', as reported by ' || reported_in_name, '') as credit_text
    from described
)

select * from final;

create or replace table figure_credits as
with published_credits as (
    select f.figure_id, 1 as credit_rank, c.credit_text
    from figures as f
    join source_credits as c on c.source_id = f.source_id
    union all
    select f.figure_id, 2, c.credit_text
    from figures as f
    join source_credits as c on c.source_id = f.attributed_to
    union all
    -- further sources that give the same figure, and whom they attribute it to
    select fs.figure_id, 3, c.credit_text
    from figure_sources as fs
    join source_credits as c on c.source_id in (fs.source_id, fs.attributed_to)
),

derived_inputs as (
    select d.figure_id, unnest(d.derived_from) as input_figure_id
    from derived_figures as d
),

derived_credits as (
    select i.figure_id, p.credit_rank, p.credit_text
    from derived_inputs as i
    join published_credits as p on p.figure_id = i.input_figure_id
),

-- A credit reached twice keeps its best rank, so a figure's own source always comes first.
distinct_credits as (
    select figure_id, credit_text, min(credit_rank) as credit_rank
    from (select * from published_credits union all select * from derived_credits)
    group by figure_id, credit_text
),

final as (
    select figure_id, list(credit_text order by credit_rank, credit_text) as credits
    from distinct_credits
    group by figure_id
)

select * from final;
