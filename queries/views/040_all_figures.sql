-- The tidy dataset: every published and every derived number, one row each.
-- dataset_order is the order the files and the Data page give the rows in (oldest act first, by the
-- act's date: ISO 8601 text at the source's precision, so it sorts by date): numbered once here, so
-- that a page of a million rows is a top-N on one integer, not a join and a sort of every row
-- (issue 16). Stored in that order, so a query for one act reads only that act's blocks.
create or replace table all_figures as
with final as (
    select * from published_figures
    union all by name
    select * from derived_figures
)
select
    final.*,
    row_number() over (order by a.act_date, final.act_id, final.derived, final.figure_id) as dataset_order
from final
join acts as a using (act_id)
order by dataset_order;
