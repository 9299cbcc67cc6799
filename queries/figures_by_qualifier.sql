-- How the published numbers are qualified: how many are exact counts and how many are only
-- bounds ("more than", "nearly") or ranges, and which sources give them. The Data page's filters
-- narrow it (empty lists: every published figure); derived rows never count, since the build, not
-- a source, qualified them.
with in_view as (
    select *
    from filtered_figures($act_ids::varchar[], $measure_ids::varchar[], $stages::varchar[],
                          $qualifiers::varchar[], $source_ids::varchar[], false)
),

counted as (
    select
        f.qualifier,
        replace(f.qualifier, '_', ' ') as qualifier_text,
        f.qualifier = 'exact' as is_exact,
        count(*) as figure_count,
        'figures' as unit,
        list(distinct sc.credit_text order by sc.credit_text) as credits
    from in_view as f
    join source_credits as sc on sc.source_id = f.source_id
    group by f.qualifier
),

final as (
    select
        *,
        sum(figure_count) over ()::bigint as total_figures,
        sum(case when is_exact then 0 else figure_count end) over ()::bigint as bounded_figures
    from counted
)

select * from final
order by is_exact desc, figure_count desc, qualifier
