using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allianssi.Application.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PublicFundingCeiling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "PublicFundingCeiling",
                table: "Alliances",
                type: "numeric(28,10)",
                precision: 28,
                scale: 10,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PublicFundingFrom",
                table: "Alliances",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PublicFundingTo",
                table: "Alliances",
                type: "date",
                nullable: true);

            // Seed document 001: the Tesoma alliance takes at most 140 M EUR of public funding over its ten years.
            migrationBuilder.Sql("""
                UPDATE "Alliances" SET "PublicFundingCeiling" = 140000000, "PublicFundingFrom" = DATE '2018-04-01', "PublicFundingTo" = DATE '2028-03-31' WHERE "Code" = 'tesoma' AND "PublicFundingCeiling" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PublicFundingCeiling",
                table: "Alliances");

            migrationBuilder.DropColumn(
                name: "PublicFundingFrom",
                table: "Alliances");

            migrationBuilder.DropColumn(
                name: "PublicFundingTo",
                table: "Alliances");
        }
    }
}
