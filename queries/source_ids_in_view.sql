-- The sources the rows of a view rest on, as ids (amnesty.bundle.used_sources adds the copies they
-- were read in): what the Data page's citation lists, without fetching the rows themselves.
select distinct source_id, attributed_to
from filtered_figures($act_ids::varchar[], $measure_ids::varchar[], $stages::varchar[],
                      $qualifiers::varchar[], $source_ids::varchar[], $include_derived)
where source_id is not null or attributed_to is not null
order by source_id, attributed_to
