-- Demo district for local runs: real Udaipur gram panchayats (LGD codes and names from
-- ../shared/data/udaipur_lgd_gram_panchayats.csv) and four Udaipur Municipal Corporation
-- wards. Idempotent: re-running updates names and never duplicates.

INSERT INTO districts (code, name_en, name_hi) VALUES ('108', 'Udaipur', 'उदयपुर')
ON CONFLICT (code) DO UPDATE SET name_en = excluded.name_en, name_hi = excluded.name_hi;

INSERT INTO groups (id, district_code, kind, lgd_code, name_en, name_hi, parent_en, parent_hi, is_demo) VALUES
    ('gp-42356', '108', 'gram_panchayat', '42356', 'Alsigarh', 'अलसीगढ़', 'Girwa', 'गिर्वा', 1),
    ('gp-42357', '108', 'gram_panchayat', '42357', 'Bachhar', 'बछार', 'Girwa', 'गिर्वा', 1),
    ('gp-42358', '108', 'gram_panchayat', '42358', 'Badi Undri', 'बड़ी उन्दरी', 'Girwa', 'गिर्वा', 1),
    ('gp-42361', '108', 'gram_panchayat', '42361', 'Barapal', 'बारापाल', 'Girwa', 'गिर्वा', 1),
    ('gp-42369', '108', 'gram_panchayat', '42369', 'Bujhda', 'बुझड़ा', 'Girwa', 'गिर्वा', 1),
    ('gp-42370', '108', 'gram_panchayat', '42370', 'Chanavada', 'चणावदा', 'Girwa', 'गिर्वा', 1),
    ('gp-42230', '108', 'gram_panchayat', '42230', 'Amberi', 'अम्बेरी', 'Bargaon', 'बड़गांव', 1),
    ('gp-42232', '108', 'gram_panchayat', '42232', 'Bari', 'बारी', 'Bargaon', 'बड़गांव', 1),
    ('ward-udaipur-mc-1', '108', 'ward', NULL, 'Ward 1', 'वार्ड 1', 'Udaipur Municipal Corporation', 'उदयपुर नगर निगम', 1),
    ('ward-udaipur-mc-2', '108', 'ward', NULL, 'Ward 2', 'वार्ड 2', 'Udaipur Municipal Corporation', 'उदयपुर नगर निगम', 1),
    ('ward-udaipur-mc-3', '108', 'ward', NULL, 'Ward 3', 'वार्ड 3', 'Udaipur Municipal Corporation', 'उदयपुर नगर निगम', 1),
    ('ward-udaipur-mc-4', '108', 'ward', NULL, 'Ward 4', 'वार्ड 4', 'Udaipur Municipal Corporation', 'उदयपुर नगर निगम', 1)
ON CONFLICT (id) DO UPDATE SET
    name_en = excluded.name_en, name_hi = excluded.name_hi,
    parent_en = excluded.parent_en, parent_hi = excluded.parent_hi;
