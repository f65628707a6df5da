@echo off
chcp 65001 >nul
rem Xuất bản: kiểm tra số liệu của thư mục ban-tin bên cạnh tệp này và tạo thư mục xuat-ban.
cd /d "%~dp0"
bantin.exe build --content ban-tin --output xuat-ban
echo.
if errorlevel 1 (
  echo Chưa xuất bản được: hãy sửa các lỗi ghi ở trên ^(tên tệp:dòng:cột^) rồi chạy lại.
) else (
  echo Xong: bản tin nằm trong thư mục xuat-ban. Tệp bulletin.pdf trong đó để gửi qua Zalo, email hoặc in.
)
echo.
pause
