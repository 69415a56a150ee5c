"""The share of right speaker names by (quote kind, attribution rule, resolution), measured.

Written by ``benchmarks/confidence_curve.py --calibrate`` from the speaker spans of the studied draw
of PolNeAR train (its first 500) and the hand-named first 65 articles of the studied train draw,
smoothed with 20 pseudo-counts, with the weights of the facts around a quote
(``confidence.FEATURES``: a logistic regression with the table's share as offset, L2 penalty 5); do
not edit by hand. A "*" stands for every rule or resolution; the comment after a row is how many
named quotes it was measured on.
"""

PRIOR = 0.921
#: Log-odds added to every named quote's share before its features' weights (fit_weights).
BIAS = 0.24
#: Feature (confidence.FEATURES) -> its weight on the log-odds of a name being right.
WEIGHTS: dict[str, float] = {
    'contested': -0.323,
    'crowded': -0.24,
    'named-elsewhere': 0.141,
    'mention-outside': -1.301,
    'antecedent-far': -0.06,
    'passed-over': -0.03,
    'named-once': -0.391,
    'pronoun-to-dominant': -0.241,
}
#: (quote kind, attribution rule, resolution) -> share of right names
CALIBRATION: dict[tuple[str, str, str], float] = {
    ('direct', '*', '*'): 0.949,  # 2993
    ('direct', '*', 'appositive'): 0.95,  # 1
    ('direct', '*', 'description'): 0.94,  # 67
    ('direct', '*', 'name'): 0.957,  # 792
    ('direct', '*', 'owner'): 0.955,  # 8
    ('direct', '*', 'pronoun'): 0.939,  # 551
    ('direct', '*', 'pronoun-contested'): 0.899,  # 244
    ('direct', '*', 'surname-expansion'): 0.973,  # 1302
    ('direct', '*', 'unlisted-name'): 0.855,  # 28
    ('direct', 'according-to', 'name'): 0.93,  # 8
    ('direct', 'according-to', 'owner'): 0.957,  # 3
    ('direct', 'according-to', 'surname-expansion'): 0.975,  # 2
    ('direct', 'according-to', 'unlisted-name'): 0.867,  # 4
    ('direct', 'appositive-cue', 'name'): 0.977,  # 36
    ('direct', 'appositive-cue', 'surname-expansion'): 0.978,  # 5
    ('direct', 'carried-back', 'surname-expansion'): 0.93,  # 2
    ('direct', 'colon-label', 'name'): 0.965,  # 6
    ('direct', 'colon-label', 'owner'): 0.956,  # 1
    ('direct', 'colon-label', 'pronoun'): 0.901,  # 3
    ('direct', 'colon-label', 'pronoun-contested'): 0.856,  # 1
    ('direct', 'colon-label', 'surname-expansion'): 0.951,  # 12
    ('direct', 'colon-label', 'unlisted-name'): 0.857,  # 1
    ('direct', 'colon-lead', 'name'): 0.96,  # 2
    ('direct', 'colon-lead', 'owner'): 0.957,  # 2
    ('direct', 'colon-lead', 'pronoun'): 0.939,  # 1
    ('direct', 'colon-lead', 'pronoun-contested'): 0.9,  # 1
    ('direct', 'colon-lead', 'surname-expansion'): 0.975,  # 2
    ('direct', 'colon-lead', 'unlisted-name'): 0.857,  # 1
    ('direct', 'continuation', 'description'): 0.865,  # 4
    ('direct', 'continuation', 'name'): 0.878,  # 31
    ('direct', 'continuation', 'owner'): 0.956,  # 1
    ('direct', 'continuation', 'pronoun'): 0.941,  # 10
    ('direct', 'continuation', 'pronoun-contested'): 0.755,  # 10
    ('direct', 'continuation', 'surname-expansion'): 0.926,  # 57
    ('direct', 'continuation', 'unlisted-name'): 0.814,  # 1
    ('direct', 'cue-subject', 'appositive'): 0.951,  # 1
    ('direct', 'cue-subject', 'description'): 0.958,  # 14
    ('direct', 'cue-subject', 'name'): 0.962,  # 140
    ('direct', 'cue-subject', 'pronoun'): 0.955,  # 109
    ('direct', 'cue-subject', 'pronoun-contested'): 0.903,  # 40
    ('direct', 'cue-subject', 'surname-expansion'): 0.979,  # 213
    ('direct', 'cue-subject', 'unlisted-name'): 0.825,  # 4
    ('direct', 'governing-clause', 'pronoun-contested'): 0.856,  # 1
    ('direct', 'governing-verb', 'description'): 0.942,  # 1
    ('direct', 'governing-verb', 'name'): 0.958,  # 1
    ('direct', 'governing-verb', 'pronoun'): 0.939,  # 1
    ('direct', 'governing-verb', 'surname-expansion'): 0.93,  # 2
    ('direct', 'inverted-cue', 'description'): 0.947,  # 4
    ('direct', 'inverted-cue', 'name'): 0.98,  # 300
    ('direct', 'inverted-cue', 'surname-expansion'): 0.953,  # 81
    ('direct', 'paragraph-before', 'name'): 0.87,  # 2
    ('direct', 'paragraph-before', 'pronoun'): 0.939,  # 1
    ('direct', 'paragraph-before', 'pronoun-contested'): 0.9,  # 1
    ('direct', 'paragraph-before', 'surname-expansion'): 0.978,  # 6
    ('direct', 'sentence-before', 'description'): 0.932,  # 15
    ('direct', 'sentence-before', 'name'): 0.968,  # 153
    ('direct', 'sentence-before', 'pronoun'): 0.898,  # 104
    ('direct', 'sentence-before', 'pronoun-contested'): 0.896,  # 46
    ('direct', 'sentence-before', 'surname-expansion'): 0.967,  # 274
    ('direct', 'sentence-before', 'unlisted-name'): 0.827,  # 4
    ('direct', 'sentence-cue', 'name'): 0.948,  # 23
    ('direct', 'sentence-cue', 'pronoun'): 0.94,  # 2
    ('direct', 'sentence-cue', 'pronoun-contested'): 0.902,  # 2
    ('direct', 'sentence-cue', 'surname-expansion'): 0.982,  # 12
    ('direct', 'sentence-cue', 'unlisted-name'): 0.857,  # 1
    ('direct', 'sign-off', 'name'): 0.919,  # 3
    ('direct', 'sign-off', 'surname-expansion'): 0.976,  # 3
    ('direct', 'trailing-cue', 'description'): 0.966,  # 29
    ('direct', 'trailing-cue', 'name'): 0.944,  # 85
    ('direct', 'trailing-cue', 'owner'): 0.956,  # 1
    ('direct', 'trailing-cue', 'pronoun'): 0.945,  # 291
    ('direct', 'trailing-cue', 'pronoun-contested'): 0.909,  # 135
    ('direct', 'trailing-cue', 'surname-expansion'): 0.991,  # 604
    ('direct', 'trailing-cue', 'unlisted-name'): 0.842,  # 11
    ('direct', 'trailing-verb', 'name'): 0.96,  # 2
    ('direct', 'trailing-verb', 'pronoun'): 0.948,  # 29
    ('direct', 'trailing-verb', 'pronoun-contested'): 0.911,  # 7
    ('direct', 'trailing-verb', 'surname-expansion'): 0.966,  # 27
    ('direct', 'trailing-verb', 'unlisted-name'): 0.857,  # 1
    ('partial', '*', '*'): 0.854,  # 1157
    ('partial', '*', 'appositive'): 0.825,  # 3
    ('partial', '*', 'description'): 0.744,  # 46
    ('partial', '*', 'name'): 0.83,  # 321
    ('partial', '*', 'owner'): 0.825,  # 3
    ('partial', '*', 'pronoun'): 0.86,  # 168
    ('partial', '*', 'pronoun-contested'): 0.802,  # 126
    ('partial', '*', 'surname-expansion'): 0.918,  # 474
    ('partial', '*', 'title'): 0.861,  # 1
    ('partial', '*', 'unlisted-name'): 0.681,  # 15
    ('partial', 'according-to', 'description'): 0.714,  # 1
    ('partial', 'according-to', 'name'): 0.853,  # 5
    ('partial', 'according-to', 'owner'): 0.831,  # 1
    ('partial', 'according-to', 'surname-expansion'): 0.924,  # 2
    ('partial', 'appositive-cue', 'name'): 0.845,  # 2
    ('partial', 'colon-label', 'name'): 0.834,  # 1
    ('partial', 'colon-label', 'surname-expansion'): 0.921,  # 1
    ('partial', 'continuation', 'name'): 0.737,  # 5
    ('partial', 'continuation', 'pronoun'): 0.782,  # 2
    ('partial', 'continuation', 'surname-expansion'): 0.77,  # 9
    ('partial', 'cue-subject', 'appositive'): 0.836,  # 2
    ('partial', 'cue-subject', 'description'): 0.705,  # 35
    ('partial', 'cue-subject', 'name'): 0.821,  # 245
    ('partial', 'cue-subject', 'owner'): 0.793,  # 2
    ('partial', 'cue-subject', 'pronoun'): 0.907,  # 117
    ('partial', 'cue-subject', 'pronoun-contested'): 0.818,  # 91
    ('partial', 'cue-subject', 'surname-expansion'): 0.967,  # 364
    ('partial', 'cue-subject', 'title'): 0.867,  # 1
    ('partial', 'cue-subject', 'unlisted-name'): 0.647,  # 7
    ('partial', 'governing-clause', 'name'): 0.79,  # 1
    ('partial', 'governing-clause', 'pronoun'): 0.865,  # 1
    ('partial', 'governing-clause', 'surname-expansion'): 0.874,  # 1
    ('partial', 'governing-verb', 'description'): 0.733,  # 5
    ('partial', 'governing-verb', 'name'): 0.748,  # 20
    ('partial', 'governing-verb', 'pronoun'): 0.749,  # 12
    ('partial', 'governing-verb', 'pronoun-contested'): 0.775,  # 8
    ('partial', 'governing-verb', 'surname-expansion'): 0.806,  # 20
    ('partial', 'governing-verb', 'unlisted-name'): 0.622,  # 5
    ('partial', 'inverted-cue', 'name'): 0.867,  # 14
    ('partial', 'inverted-cue', 'surname-expansion'): 0.932,  # 5
    ('partial', 'outer-cue', 'name'): 0.771,  # 4
    ('partial', 'outer-cue', 'surname-expansion'): 0.841,  # 3
    ('partial', 'owned-speech', 'name'): 0.834,  # 1
    ('partial', 'owned-speech', 'pronoun'): 0.826,  # 2
    ('partial', 'owned-speech', 'surname-expansion'): 0.921,  # 1
    ('partial', 'reported-within', 'description'): 0.75,  # 1
    ('partial', 'reported-within', 'name'): 0.813,  # 6
    ('partial', 'reported-within', 'pronoun'): 0.888,  # 7
    ('partial', 'reported-within', 'pronoun-contested'): 0.747,  # 4
    ('partial', 'reported-within', 'surname-expansion'): 0.825,  # 13
    ('partial', 'sentence-before', 'surname-expansion'): 0.874,  # 1
    ('partial', 'sentence-cue', 'appositive'): 0.786,  # 1
    ('partial', 'sentence-cue', 'description'): 0.716,  # 2
    ('partial', 'sentence-cue', 'name'): 0.861,  # 10
    ('partial', 'sentence-cue', 'pronoun'): 0.823,  # 15
    ('partial', 'sentence-cue', 'pronoun-contested'): 0.813,  # 16
    ('partial', 'sentence-cue', 'surname-expansion'): 0.871,  # 17
    ('partial', 'sentence-cue', 'unlisted-name'): 0.694,  # 1
    ('partial', 'sign-off', 'unlisted-name'): 0.619,  # 2
    ('partial', 'trailing-cue', 'description'): 0.755,  # 2
    ('partial', 'trailing-cue', 'name'): 0.824,  # 7
    ('partial', 'trailing-cue', 'pronoun'): 0.9,  # 11
    ('partial', 'trailing-cue', 'pronoun-contested'): 0.801,  # 7
    ('partial', 'trailing-cue', 'surname-expansion'): 0.947,  # 37
    ('partial', 'trailing-verb', 'pronoun'): 0.865,  # 1
}
