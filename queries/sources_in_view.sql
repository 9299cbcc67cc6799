-- The sources a view's rows rest on, as its citation lists them: every source of each figure
-- (first or further: filtered_rows keeps each figure's list of them), the one it is attributed
-- to, and the copy each was read in. amnesty.bundle.used_sources picks the same from a
-- download's rows; the Data page asks here, so at a million figures it fetches the sources it
-- cites, not every source and every pair of ids (issue 16: rows fetched against rows shown).
-- Each distinct pair is unnested once, not each figure's: a million figures share a few hundred.
with given as (
    select unnest(source_ids) as source_id, attributed_to
    from (
        select distinct source_ids, attributed_to
        from filtered_rows($act_ids::varchar[], $measure_ids::varchar[], $stages::varchar[],
                           $qualifiers::varchar[], $source_ids::varchar[], $include_derived)
    )
),

used as (
    select source_id, reported_in_name
    from source_listing
    where source_id in (select source_id from given)
        or source_id in (select attributed_to from given)
),

final as (
    select *
    from source_listing
    where source_id in (select source_id from used)
        or short_name in (select reported_in_name from used)
)

select * from final
order by reported_in_name nulls first, source_id
