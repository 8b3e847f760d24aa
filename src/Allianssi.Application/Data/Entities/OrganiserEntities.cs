namespace Allianssi.Application.Data.Entities;

/// <summary>
/// One version of the organiser model (organiser-payments.md section 1) for a year: the JSON as the
/// organiser's controller saved it. Versions are never changed; a change is a new version.
/// </summary>
public sealed class OrganiserModelVersion
{
    public int Id { get; set; }

    public int AllianceId { get; set; }

    public Alliance? Alliance { get; set; }

    /// <summary>The first year the version applies to (until a later year has a model of its own).</summary>
    public int Year { get; set; }

    /// <summary>1, 2, ... within the year.</summary>
    public int Version { get; set; }

    /// <summary>The organiser's party code (the model's <c>organiser</c>).</summary>
    public required string Organiser { get; set; }

    /// <summary>The model JSON, validated.</summary>
    public required string Json { get; set; }

    public DateTimeOffset SavedAt { get; set; }

    public required string SavedBy { get; set; }
}

/// <summary>
/// An issued invoice run (or the credit note that cancels one): frozen with the SHA-256 of its inputs,
/// like a locked settlement. Never updated; a correction is a credit note plus a new run.
/// </summary>
public sealed class OrganiserInvoiceRun
{
    public int Id { get; set; }

    public int AllianceId { get; set; }

    public Alliance? Alliance { get; set; }

    public int Year { get; set; }

    /// <summary>1, 2, ... within the alliance and year, in issue order (credit notes included).</summary>
    public int Number { get; set; }

    /// <summary><c>invoice</c> or <c>creditNote</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>For a credit note: the run it cancels; for an invoice: null.</summary>
    public int? Cancels { get; set; }

    /// <summary>The model version the run was computed with.</summary>
    public int ModelVersionId { get; set; }

    /// <summary>SHA-256 (lowercase hex) of the run's inputs: the model JSON and the summed figures from the store.</summary>
    public required string InputsSha256 { get; set; }

    /// <summary>The run as published (JSON); a credit note holds the cancelled totals negated.</summary>
    public required string ResultJson { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public required string IssuedBy { get; set; }
}
