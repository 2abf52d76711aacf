-- Records: what the incident list's filters and keyset pagination need.
--
-- The ODIHR bias indicators (what suggests bias: words used, symbols, the place...) sit
-- beside the bias motivations, so a report's indicators carry over to its incident.
alter table incidents add column bias_indicators text[] not null default '{}';
create index incidents_bias_indicators_idx on incidents using gin (bias_indicators);

-- Keyset pagination compares (sort key, id) as a row, which needs both columns in one
-- direction; the same index serves ascending (forward) and descending (backward) order.
-- An unknown incident date sorts as the earliest, so the date key is never null.
create index incidents_org_date_keyset_idx
  on incidents (organisation_id, (coalesce(incident_date, '-infinity'::date)), id);
create index incidents_org_created_keyset_idx on incidents (organisation_id, created_at, id);
create index incidents_org_updated_keyset_idx on incidents (organisation_id, updated_at, id);

-- Equality filters not covered by 0005.
-- Precision with the date key: "unknown" precision goes with an unknown date, which sorts
-- last, so an index on the precision alone would leave the date order to a scan of them all.
create index incidents_org_precision_idx
  on incidents (organisation_id, date_precision, (coalesce(incident_date, '-infinity'::date)), id);
create index incidents_org_city_idx on incidents (organisation_id, city) where city is not null;
create index incidents_org_place_idx on incidents (organisation_id, place_type)
  where place_type is not null;
create index incidents_org_platform_idx on incidents (organisation_id, online_platform)
  where online_platform is not null;
create index incidents_org_report_idx on incidents (organisation_id, (report_id is not null));

create index people_org_created_keyset_idx on people (organisation_id, created_at, id);
create index people_org_perpetrator_idx on people (organisation_id, perpetrator_type)
  where perpetrator_type is not null;
create index person_relations_person_idx on person_relations (person_id);

create index interventions_org_created_keyset_idx on interventions (organisation_id, created_at, id);
create index interventions_org_status_idx on interventions (organisation_id, status, priority);
create index interventions_org_type_idx on interventions (organisation_id, intervention_type);
create index interventions_org_intervener_idx on interventions (organisation_id, intervener_type);
create index interventions_org_response_idx on interventions (organisation_id, authority_response);

-- Acts that name a person as perpetrator (the person page, detaching on deletion).
create index acts_perpetrators_idx on acts using gin (perpetrators jsonb_path_ops);
