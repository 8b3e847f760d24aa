using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allianssi.Application.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrganiserPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OrganiserModelVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AllianceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Organiser = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganiserModelVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganiserModelVersions_Alliances_AllianceId",
                        column: x => x.AllianceId,
                        principalTable: "Alliances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganiserInvoiceRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AllianceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Cancels = table.Column<int>(type: "INTEGER", nullable: true),
                    ModelVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    InputsSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ResultJson = table.Column<string>(type: "TEXT", nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganiserInvoiceRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganiserInvoiceRuns_Alliances_AllianceId",
                        column: x => x.AllianceId,
                        principalTable: "Alliances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OrganiserInvoiceRuns_OrganiserModelVersions_ModelVersionId",
                        column: x => x.ModelVersionId,
                        principalTable: "OrganiserModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OrganiserInvoiceRuns_AllianceId_Year_Number",
                table: "OrganiserInvoiceRuns",
                columns: new[] { "AllianceId", "Year", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganiserInvoiceRuns_ModelVersionId",
                table: "OrganiserInvoiceRuns",
                column: "ModelVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganiserModelVersions_AllianceId_Year_Version",
                table: "OrganiserModelVersions",
                columns: new[] { "AllianceId", "Year", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrganiserInvoiceRuns");

            migrationBuilder.DropTable(
                name: "OrganiserModelVersions");
        }
    }
}
