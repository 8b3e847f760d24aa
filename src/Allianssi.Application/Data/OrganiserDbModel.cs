using Allianssi.Application.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.Data;

/// <summary>The model of the organiser's model versions and issued invoice runs (issue 14).</summary>
internal static class OrganiserDbModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<OrganiserModelVersion>(e =>
        {
            e.HasIndex(m => new { m.AllianceId, m.Year, m.Version }).IsUnique();
            e.Property(m => m.Organiser).HasMaxLength(64);
            e.Property(m => m.SavedBy).HasMaxLength(256);
            e.HasOne(m => m.Alliance).WithMany().HasForeignKey(m => m.AllianceId);
        });
        builder.Entity<OrganiserInvoiceRun>(e =>
        {
            e.HasIndex(r => new { r.AllianceId, r.Year, r.Number }).IsUnique();
            e.Property(r => r.Kind).HasMaxLength(16);
            e.Property(r => r.InputsSha256).HasMaxLength(64);
            e.Property(r => r.IssuedBy).HasMaxLength(256);
            e.HasOne(r => r.Alliance).WithMany().HasForeignKey(r => r.AllianceId);
            e.HasOne<OrganiserModelVersion>().WithMany().HasForeignKey(r => r.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
