-- Every act, oldest first, with its dates and the source that describes it.
with final as (
    select
        a.act_id,
        a.label as act_label,
        a.title as act_title,
        replace(a.kind, '_', ' ') as act_kind,
        a.year,
        a.occasion,
        a.act_date,
        a.act_date_event,
        replace(a.status, '_', ' ') as status,
        a.status_as_of,
        a.quote,
        c.credit_text as source_credit
    from acts as a
    join source_credits as c on c.source_id = a.source_id
)

select * from final
order by act_date, act_id
