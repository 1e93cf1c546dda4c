"""Printers: rich tables for people, JSON and CSV for machines, documents for the report."""
