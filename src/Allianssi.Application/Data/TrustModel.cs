using Allianssi.Application.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allianssi.Application.Data;

/// <summary>The model of the audit chain, approvals and locks (kept apart from the rest of the model).</summary>
internal static class TrustModel
{
    public static void ConfigureAudit(EntityTypeBuilder<AuditEntry> e)
    {
        e.HasIndex(a => a.Sequence).IsUnique();
        e.HasIndex(a => a.At);
        e.Property(a => a.Party).HasMaxLength(64);
        e.Property(a => a.Role).HasMaxLength(32);
        e.Property(a => a.PreviousHash).HasMaxLength(64);
        e.Property(a => a.Hash).HasMaxLength(64);
    }

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<AuditAnchor>(e =>
        {
            e.HasIndex(a => a.Sequence);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.Property(a => a.Reason).HasMaxLength(16);
        });
        builder.Entity<ResultApproval>(e =>
        {
            e.HasIndex(a => new { a.AllianceId, a.PeriodId, a.Year });
            e.Property(a => a.Kind).StoredAsName(16);
            e.Property(a => a.ApprovedBy).HasMaxLength(256);
            e.Property(a => a.ResultHash).HasMaxLength(64);
            e.Property(a => a.Reason).HasMaxLength(1000);
            e.Property(a => a.InvalidationReason).HasMaxLength(1000);
            e.HasOne(a => a.Period).WithMany().HasForeignKey(a => a.PeriodId);
            e.HasOne(a => a.Party).WithMany().HasForeignKey(a => a.PartyId);
            e.HasOne(a => a.Lock).WithMany().HasForeignKey(a => a.LockId);
            e.HasOne<Alliance>().WithMany().HasForeignKey(a => a.AllianceId);
        });
        builder.Entity<ResultLock>(e =>
        {
            e.HasIndex(l => l.ActiveScope).IsUnique();
            e.HasIndex(l => new { l.AllianceId, l.PeriodId, l.Year });
            e.Property(l => l.ActiveScope).HasMaxLength(128);
            e.Property(l => l.SnapshotHash).HasMaxLength(64);
            e.Property(l => l.ReopenReason).HasMaxLength(2000);
            e.HasOne(l => l.Period).WithMany().HasForeignKey(l => l.PeriodId);
            e.HasOne<Alliance>().WithMany().HasForeignKey(l => l.AllianceId);
        });
    }
}
