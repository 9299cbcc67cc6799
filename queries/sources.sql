-- Every source with its kind and reliability note, and how many published figures rest on it,
-- either as the source we read or as the one the number is attributed to (stored by the build:
-- queries/views/085_source_listing.sql).
select * from source_listing
order by reported_in_name nulls first, source_id
