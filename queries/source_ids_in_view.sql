-- The sources the rows of a view rest on, as ids: every source of each figure (first or further,
-- '; '-joined by the macro) and the one it is attributed to. amnesty.bundle.used_sources adds the
-- copies they were read in. What the Data page's citation lists, without fetching the rows.
-- Each distinct pair is split once, not each figure's: a million figures share a few hundred.
with given as (
    select unnest(string_split(source_ids, '; ')) as source_id, attributed_to
    from (
        select distinct source_ids, attributed_to
        from filtered_figures($act_ids::varchar[], $measure_ids::varchar[], $stages::varchar[],
                              $qualifiers::varchar[], $source_ids::varchar[], $include_derived)
    )
),

final as (
    select distinct nullif(source_id, '') as source_id, attributed_to
    from given
)

select * from final
where source_id is not null or attributed_to is not null
order by source_id, attributed_to
