-- The tidy dataset: every published and every derived number, one row each.
create or replace table all_figures as
with final as (
    select * from published_figures
    union all by name
    select * from derived_figures
)
select * from final;
