"""The consultation as HL7 FHIR R4 (4.0.1), for a clinic's health record (issue 31).

Qt-free and reportlab-free: it maps what the records already hold (the consultation, its signed
review, its handouts as given, the patient's acknowledgement) onto FHIR resources built with
SMART's ``fhirclient`` models, generated from FHIR 4.0.1 itself, so an element's name, type and
cardinality are R4's and ``as_json()`` refuses a required element left out. One module a job:

* :mod:`~consultaid.fhir.uris` - the systems and canonical URLs, the bundle's ``urn:uuid`` names
* :mod:`~consultaid.fhir.elements` - data types (Coding, Reference, dates, narrative)
* :mod:`~consultaid.fhir.units` - UCUM codes for the content pack's units
* :mod:`~consultaid.fhir.people` - Patient, Practitioner, RelatedPerson, Organization
* :mod:`~consultaid.fhir.encounter` - the visit
* :mod:`~consultaid.fhir.screening` - the QuestionnaireResponse (answers, verdict, teach-back)
* :mod:`~consultaid.fhir.provenance` - the signed review, the acknowledgement
* :mod:`~consultaid.fhir.handouts` - a DocumentReference for each handout as given
* :mod:`~consultaid.fhir.composition` - the Composition: the document's title and sections
* :mod:`~consultaid.fhir.source` - what a bundle is made of (the record, its handouts...)
* :mod:`~consultaid.fhir.bundle` - the document Bundle: every entry, named and referenced
* :mod:`~consultaid.fhir.export` - from the records (audited) or from a consultation file
"""
