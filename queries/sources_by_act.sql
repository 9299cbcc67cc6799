-- The sources behind one act: those of its figures (first and further), of its dated steps and of
-- its claims and caveats, and those they attribute numbers to, with their kind, link and dates.
with act_sources as (
    select source_id from figures where act_id = $act_id
    union
    select attributed_to from figures where act_id = $act_id and attributed_to is not null
    union
    select fs.source_id from figure_sources as fs join figures as f using (figure_id) where f.act_id = $act_id
    union
    select fs.attributed_to from figure_sources as fs join figures as f using (figure_id)
    where f.act_id = $act_id and fs.attributed_to is not null
    union
    select source_id from act_events where act_id = $act_id
    union
    select source_id from statements where act_id = $act_id
    union
    select source_id from acts where act_id = $act_id
),

final as (
    select
        s.source_id,
        s.short_name,
        s.title,
        s.url,
        s.published,
        s.language,
        c.kind_text,
        c.credit_text,
        s.reliability_note,
        s.url
    from act_sources
    join sources as s using (source_id)
    join source_credits as c using (source_id)
)

select * from final
order by published nulls first, credit_text
