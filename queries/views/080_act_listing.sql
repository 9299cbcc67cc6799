-- Every act with its words for a reader and the source that describes it: what the act pages list
-- and head with (queries/acts.sql lists them all; act_choices.sql a page of them).
create or replace table act_listing as
select
    a.act_id,
    a.label as act_label,
    a.title as act_title,
    replace(a.kind, '_', ' ') as act_kind,
    a.year,
    a.occasion,
    a.act_date,
    a.act_date_event,
    replace(a.status, '_', ' ') as status,
    a.status_as_of,
    a.quote,
    c.credit_text as source_credit
from acts as a
join source_credits as c on c.source_id = a.source_id
