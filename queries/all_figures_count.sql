-- How many rows the filtered dataset holds, counted in SQL rather than fetched.
select count(*) as row_count
from filtered_figures(
    $act_ids::varchar[], $measure_ids::varchar[], $stages::varchar[], $qualifiers::varchar[], $source_ids::varchar[],
    $include_derived
);
