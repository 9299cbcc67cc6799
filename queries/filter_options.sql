-- The choices the Data page and the CLI offer: every act, measure, qualifier and source in use.
with acts_in_use as (
    select distinct 'act' as facet, act_id as option_id, act_title as option_label, year::varchar as sort_key
    from all_figures
),

measures_in_use as (
    select distinct 'measure', measure_id, measure_label, measure_label
    from all_figures
),

qualifiers_in_use as (
    select distinct 'qualifier', qualifier, replace(qualifier, '_', ' '), qualifier
    from all_figures
),

sources_in_use as (
    select distinct 'source', source_id, source_name, source_name
    from all_figures
    where source_id is not null
),

final as (
    select * from acts_in_use
    union all select * from measures_in_use
    union all select * from qualifiers_in_use
    union all select * from sources_in_use
)

select * from final order by facet, sort_key, option_id;
