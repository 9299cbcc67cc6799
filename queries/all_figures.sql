-- The tidy dataset, filtered (see views/060_filtered_figures.sql), oldest act first (by the act's
-- date: ISO 8601 text at the source's precision, so it sorts by date).
select f.*
from filtered_figures(
    $act_ids::varchar[], $measure_ids::varchar[], $stages::varchar[], $qualifiers::varchar[],
    $source_ids::varchar[], $include_derived
) as f
join acts as a using (act_id)
order by a.act_date, f.act_id, f.derived, f.figure_id;
