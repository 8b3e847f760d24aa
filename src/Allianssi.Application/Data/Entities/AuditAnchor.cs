namespace Allianssi.Application.Data.Entities;

/// <summary>
/// A checkpoint of the audit chain's head kept outside the audit table: the sequence number and
/// hash of the newest entry when a result was locked or the chain was verified intact.
/// Append-only (a database trigger refuses updates and deletes, as on the audit table).
/// </summary>
/// <remarks>
/// A hash chain cannot show that entries were cut off its end: the shortened chain is still a
/// valid chain. A checkpoint that names a later head than the table holds can (see
/// <see cref="Security.AuditChain.VerifyAnchoredAsync"/>).
/// </remarks>
public sealed class AuditAnchor
{
    public long Id { get; set; }

    /// <summary>The head's sequence number (0 for an empty chain).</summary>
    public long Sequence { get; set; }

    /// <summary>The head's hash (the genesis hash for an empty chain).</summary>
    public required string Hash { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>What recorded it: <c>lock</c> (an approval lock) or <c>verify</c> (an intact verification).</summary>
    public required string Reason { get; set; }
}
