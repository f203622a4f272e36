#!/usr/bin/env python3
"""Writes demo/poles.csv: a street lighting register for the demo
municipality, a few poles along streets around each settlement of
packaging/places/visaltia.geojson. Deterministic: run it again and the
file is the same."""
import csv
import json
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
PLACES = os.path.join(HERE, '..', '..', '..', 'packaging', 'places',
                      'visaltia.geojson')
STREETS = ['Αριστοτέλους', 'Μεγάλου Αλεξάνδρου', '25ης Μαρτίου',
           'Ελευθερίου Βενιζέλου', 'Αγίου Γεωργίου', 'Εθνικής Αντιστάσεως',
           'Ειρήνης', 'Σχολείου', 'Πλατεία Εκκλησίας', 'Κωνσταντινουπόλεως',
           'Μακεδονίας', 'Παύλου Μελά']
LAMPS = ['led', 'led', 'led', 'sodium', 'sodium', 'mercury']


def main():
    rnd = random.Random(2026)
    with open(PLACES, encoding='utf-8') as f:
        places = json.load(f)
    rows = []
    code = 1000
    for feat in places['features']:
        p = feat['properties']
        if p.get('kind') != 'settlement':
            continue
        lon, lat = feat['geometry']['coordinates']
        big = p['code'] == 'nigrita'
        for s in range(4 if big else 2):
            street = STREETS[(len(rows) + s * 5) % len(STREETS)]
            angle = rnd.uniform(0, math.pi)
            for k in range(6):
                d = (k - 2.5) * 45 + rnd.uniform(-5, 5) + s * 60 - 60
                dlat = d * math.cos(angle) / 111195
                dlon = d * math.sin(angle) / (111195 *
                                              math.cos(math.radians(lat)))
                code += 1
                rows.append([str(code), p['code'], street,
                             '%.6f' % (lat + dlat), '%.6f' % (lon + dlon),
                             LAMPS[rnd.randrange(len(LAMPS))]])
        code = (code // 100 + 1) * 100
    with open(os.path.join(HERE, 'poles.csv'), 'w', encoding='utf-8',
              newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['code', 'settlement', 'street', 'lat', 'lon', 'lamp'])
        w.writerows(rows)
    print('%d poles' % len(rows))


main()
