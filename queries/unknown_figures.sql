-- What no source tells us, one row per gap: acts with no published reach, acts whose actual
-- releases are not reported, derived figures the bounds leave unknown, and group sizes not given.
-- The words are the English; `gap` and the parts beside them let amnesty/method_words.py word
-- each row in the reader's language.
with acts_without_reach as (
    select a.title as subject, 'Announced reach (affected or covered)' as what_is_unknown,
        'No source gives how many people the act covered.' as why, a.act_date as sort_key,
        'no_reach' as gap, a.title as name, null as measure_label, null as derivation
    from acts as a
    where not exists (select 1 from figures as f join measures as m using (measure_id)
                      where f.act_id = a.act_id and m.role = 'scope')
),

acts_without_reported_release as (
    select a.title, 'People actually released',
        'The sources give only what the act announced, not how many were released.', a.act_date,
        'no_release', a.title, null, null
    from acts as a
    where not exists (select 1 from figures as f join measures as m using (measure_id)
                      where f.act_id = a.act_id and m.role = 'release' and f.stage in ('interim', 'final', 'reported'))
),

unknown_derived as (
    select act_title, measure_label, 'Derived from ' || derivation || ': the bounds do not constrain it.',
        (select act_date from acts where acts.act_id = d.act_id),
        'derived_unknown', act_title, measure_label, derivation
    from derived_figures as d
    where qualifier = 'unknown'
),

groups_without_size as (
    select 'Political-prisoner group: ' || name, 'Size of the group',
        'The source names the group but gives no count.', 'zzzz',
        'group_size', name, null, null
    from prisoner_groups
    where size_figure_id is null
),

final as (
    select * from acts_without_reach
    union all select * from acts_without_reported_release
    union all select * from unknown_derived
    union all select * from groups_without_size
)

select subject, what_is_unknown, why, gap, name, measure_label, derivation from final
-- derivation last: a total order, so a page of these rows is always the same rows
order by sort_key, subject, what_is_unknown, derivation
