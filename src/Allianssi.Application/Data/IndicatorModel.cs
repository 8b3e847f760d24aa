using Allianssi.Application.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.Data;

/// <summary>The model of computed indicator results, custom definitions and background jobs.</summary>
internal static class IndicatorModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<IndicatorResult>(e =>
        {
            e.HasIndex(r => new { r.AllianceId, r.Period, r.Year, r.IndicatorId, r.UnitId }).IsUnique();
            e.HasIndex(r => new { r.AllianceId, r.IndicatorId });
            e.Property(r => r.Period).HasMaxLength(64);
            e.Property(r => r.IndicatorId).HasMaxLength(64);
            e.Property(r => r.UnitId).HasMaxLength(64);
            e.HasOne(r => r.Alliance).WithMany().HasForeignKey(r => r.AllianceId);
        });
        builder.Entity<CustomIndicatorDefinition>(e =>
        {
            e.HasIndex(d => new { d.AllianceId, d.Code, d.Version }).IsUnique();
            e.Property(d => d.Code).HasMaxLength(64);
            e.Property(d => d.Direction).HasMaxLength(32);
            e.Property(d => d.Kind).HasMaxLength(32);
            e.Property(d => d.SuspendedCode).HasMaxLength(16);
            e.Property(d => d.UnitOfMeasure).HasMaxLength(64);
            e.Property(d => d.CreatedBy).HasMaxLength(256);
            e.Property(d => d.PublishedBy).HasMaxLength(256);
            e.HasOne(d => d.Alliance).WithMany().HasForeignKey(d => d.AllianceId);
        });
        builder.Entity<BackgroundJob>(e =>
        {
            e.Property(j => j.Kind).HasMaxLength(32);
            e.Property(j => j.Alliance).HasMaxLength(64);
            e.Property(j => j.Period).HasMaxLength(64);
            e.Property(j => j.Status).StoredAsName(16);
            e.Property(j => j.RequestedBy).HasMaxLength(256);
        });
    }
}
