using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Allianssi.Application.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UploadChunkEncrypted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Encrypted",
                table: "UploadChunks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Encrypted",
                table: "UploadChunks");
        }
    }
}
