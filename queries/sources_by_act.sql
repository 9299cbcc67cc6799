-- The sources behind one act's figures, with their kind and reliability note.
with act_sources as (
    select source_id from figures where act_id = $act_id
    union
    select attributed_to from figures where act_id = $act_id and attributed_to is not null
    union
    select source_id from acts where act_id = $act_id
),

final as (
    select
        s.source_id,
        s.short_name,
        c.kind_text,
        c.credit_text,
        s.reliability_note,
        s.url
    from act_sources
    join sources as s using (source_id)
    join source_credits as c using (source_id)
)

select * from final
order by credit_text
