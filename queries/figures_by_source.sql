-- How many published figures each source supplies, counted by the source we read them in and by
-- whom the number is attributed to, so a reader sees how much rests on one secondary article.
with counted as (
    select
        f.source_id,
        f.attributed_to,
        count(*) as figure_count
    from figures as f
    group by f.source_id, f.attributed_to
),

final as (
    select
        c.source_id,
        s.short_name as source_name,
        s.kind as source_kind,
        sc.kind_text as source_kind_text,
        c.attributed_to,
        att.short_name as attributed_name,
        att_c.kind_text as attributed_kind_text,
        s.short_name || coalesce(', citing ' || att.short_name, '') as row_label,
        c.figure_count,
        sum(c.figure_count) over ()::bigint as total_figures,
        'figures' as unit,
        list_distinct(list_value(sc.credit_text, att_c.credit_text)) as credits
    from counted as c
    join sources as s on s.source_id = c.source_id
    join source_credits as sc on sc.source_id = c.source_id
    left join sources as att on att.source_id = c.attributed_to
    left join source_credits as att_c on att_c.source_id = c.attributed_to
)

select * from final
order by figure_count desc, row_label
