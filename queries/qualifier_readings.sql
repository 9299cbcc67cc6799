-- How each qualifier in use bounds its number, with one real example of each. The readings are
-- the English; amnesty/method_words.py words them in the reader's language, by qualifier.
with meanings (qualifier, reading, qualifier_rank) as (
    values
        ('exact', 'The number as stated: low = high = value.', 1),
        ('at_least', 'A lower bound: the true number is this or higher; no upper bound.', 2),
        ('more_than', 'A lower bound: the true number is above this; no upper bound.', 3),
        ('nearly', 'An upper bound: the true number is just under this; no lower bound is given.', 4),
        ('about', 'An approximation: no bound either way.', 5),
        ('range', 'Both bounds: the true number lies between low and high.', 6),
        ('at_most', 'Derived upper bound: the true number is this or lower.', 7),
        ('unknown', 'Derived from bounds that do not constrain it: no number can be given.', 8)
),

examples as (
    select qualifier, count(*) as figures_in_use, min(value_text) as example_text,
        arg_min({'qualifier': qualifier, 'value': value, 'low': low, 'high': high, 'unit': unit,
                 'approximate': approximate}, value_text) as example_bounds,
        bool_or(derived) as any_derived
    from all_figures
    group by qualifier
),

final as (
    select m.qualifier, replace(m.qualifier, '_', ' ') as qualifier_text, m.reading,
        e.figures_in_use, e.example_text, e.example_bounds, m.qualifier_rank
    from meanings as m
    join examples as e using (qualifier)
)

select * from final
order by qualifier_rank
