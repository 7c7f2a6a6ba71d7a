def totals_by_group(rows, scale, offset):
    totals = {}
    for row in rows:
        totals[row["group"]] = totals.get(row["group"], 0.0) + float(row["value"]) * scale + offset
    return totals
