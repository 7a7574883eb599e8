#!/usr/bin/env python3
"""Reads a DMARC aggregate report (RFC 7489 Appendix C) with Python's own XML parser, as report
consumers do, and prints one line per <record>:
policy-domain source_ip count disposition dkim spf header_from envelope_from spf-result dkim-results
"""
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "feedback", root.tag
domain = root.findtext("policy_published/domain")
for record in root.findall("record"):
    row = record.find("row")
    evaluated = row.find("policy_evaluated")
    dkim = ",".join(d.findtext("domain") + ":" + d.findtext("result") for d in record.findall("auth_results/dkim")) or "-"
    print(domain, row.findtext("source_ip"), int(row.findtext("count")), evaluated.findtext("disposition"),
          evaluated.findtext("dkim"), evaluated.findtext("spf"), record.findtext("identifiers/header_from"),
          record.findtext("identifiers/envelope_from"), record.findtext("auth_results/spf/result"), dkim)
