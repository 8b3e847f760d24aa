-- A store as earlier versions created it: Allianssi.Store/schema.sql verbatim, as it was before the store created its
-- tables from the datasets' descriptions (Allianssi.Store/Schema/Datasets.cs). DatasetDescriptionTests opens a store
-- made from it to prove that the generated tables have exactly these shapes and that such a store keeps working.
--
-- The analytical store: one table per dataset of shared/spec/data-model.md, holding the
-- normalised, pseudonymised rows of accepted import batches. Derived data: `store rebuild`
-- replays retained uploads into a fresh file.
--
-- Conventions:
--   * person_id holds the keyed pseudonym (HMAC-SHA-256, lowercase hex), never the raw identifier.
--   * Codes are stored lowercase (service, plan_type, status, kind, survey, sex as 'M'/'F',
--     ICD-10 and LOINC codes uppercase as written without spaces).
--   * lab_results.value is converted to the canonical unit: HbA1c mmol/mol, LDL mmol/l.
--   * batch_id is the operational database's import batch id; row_no the data row in its file.

CREATE TABLE IF NOT EXISTS units (
    batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL,
    unit_id VARCHAR NOT NULL, name VARCHAR NOT NULL, municipality_code VARCHAR NOT NULL,
    kind VARCHAR NOT NULL, parent_id VARCHAR);

CREATE TABLE IF NOT EXISTS persons (
    batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL,
    person_id VARCHAR NOT NULL, birth_date DATE, sex VARCHAR, municipality_code VARCHAR NOT NULL,
    postal_code VARCHAR);

CREATE TABLE IF NOT EXISTS listings (
    batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL,
    person_id VARCHAR NOT NULL, unit_id VARCHAR NOT NULL, valid_from DATE NOT NULL, valid_to DATE);

CREATE TABLE IF NOT EXISTS diagnoses (
    batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL,
    person_id VARCHAR NOT NULL, code VARCHAR NOT NULL, recorded_on DATE NOT NULL, unit_id VARCHAR);

CREATE TABLE IF NOT EXISTS lab_results (
    batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL,
    person_id VARCHAR NOT NULL, test_code VARCHAR NOT NULL, value DOUBLE NOT NULL, unit VARCHAR NOT NULL,
    sampled_on DATE NOT NULL, result_id VARCHAR,
    -- 'hba1c' (mmol/mol) or 'ldl' (mmol/l) for the value sets the reference catalog uses; NULL otherwise.
    analyte VARCHAR);

CREATE TABLE IF NOT EXISTS care_plans (
    batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL,
    person_id VARCHAR NOT NULL, plan_type VARCHAR NOT NULL, created_on DATE NOT NULL, reviewed_on DATE,
    unit_id VARCHAR);

CREATE TABLE IF NOT EXISTS visits (
    batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL,
    visit_id VARCHAR NOT NULL, person_id VARCHAR NOT NULL, unit_id VARCHAR NOT NULL, service VARCHAR NOT NULL,
    visit_on DATE NOT NULL, professional VARCHAR, cost_eur DECIMAL(18, 2), urgent BOOLEAN);

CREATE TABLE IF NOT EXISTS service_periods (
    batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL,
    person_id VARCHAR NOT NULL, unit_id VARCHAR NOT NULL, service VARCHAR NOT NULL, start_on DATE NOT NULL,
    end_on DATE);

CREATE TABLE IF NOT EXISTS assessments (
    batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL,
    person_id VARCHAR NOT NULL, instrument VARCHAR NOT NULL, score DOUBLE NOT NULL, assessed_on DATE NOT NULL,
    unit_id VARCHAR);

CREATE TABLE IF NOT EXISTS calendars (
    batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL,
    snapshot_on DATE NOT NULL, unit_id VARCHAR NOT NULL, professional_id VARCHAR NOT NULL,
    professional_group VARCHAR NOT NULL, uses_waiting_list BOOLEAN);

CREATE TABLE IF NOT EXISTS slots (
    batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL,
    snapshot_on DATE NOT NULL, unit_id VARCHAR NOT NULL, professional_id VARCHAR NOT NULL,
    slot_start TIMESTAMP NOT NULL, status VARCHAR NOT NULL, kind VARCHAR NOT NULL);

CREATE TABLE IF NOT EXISTS survey_responses (
    batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL,
    response_id VARCHAR NOT NULL, survey VARCHAR NOT NULL, unit_id VARCHAR NOT NULL, answered_on DATE NOT NULL,
    score DOUBLE NOT NULL, service VARCHAR);

CREATE TABLE IF NOT EXISTS reported_values (
    batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL,
    indicator_id VARCHAR NOT NULL, unit_id VARCHAR NOT NULL, year INTEGER NOT NULL, value DOUBLE NOT NULL,
    numerator DOUBLE, denominator DOUBLE, source VARCHAR);

CREATE TABLE IF NOT EXISTS ledger (
    batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL,
    entry_id VARCHAR NOT NULL, party_id VARCHAR NOT NULL, booked_on DATE NOT NULL, amount_eur DECIMAL(18, 2) NOT NULL,
    reimbursable BOOLEAN NOT NULL, service VARCHAR, account VARCHAR, description VARCHAR, document_ref VARCHAR);

CREATE TABLE IF NOT EXISTS population (
    batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL,
    year INTEGER NOT NULL, municipality_code VARCHAR NOT NULL, age_group VARCHAR NOT NULL, sex VARCHAR NOT NULL,
    count INTEGER NOT NULL, area_id VARCHAR);
