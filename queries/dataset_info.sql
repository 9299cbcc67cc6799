-- The version of the dataset the database was built from (a content hash of data/), for the
-- footer of every exported figure.
with final as (
    select dataset_version, built_at from dataset_info
)
select * from final
