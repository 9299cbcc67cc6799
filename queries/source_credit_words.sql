-- Each source's credit and kind as SQL words them in English (source_credits), with the parts a
-- page or chart in another language words them from (amnesty/wording.py: credit_words).
select
    c.credit_text,
    c.kind_text,
    s.short_name,
    s.kind,
    s.ai_written,
    s.secondary,
    via.short_name as reported_in_name
from source_credits as c
join sources as s using (source_id)
left join sources as via on via.source_id = s.reported_in
order by c.source_id
