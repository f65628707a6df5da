@echo off
chcp 65001 >nul
rem Xem trước bản tin thư mục ban-tin bên cạnh tệp này: mở trình duyệt, trang tự cập nhật mỗi khi lưu tệp.
cd /d "%~dp0"
echo Đang mở bản xem trước. Giữ cửa sổ này mở khi xem; đóng cửa sổ (hoặc Ctrl+C) để dừng.
echo.
bantin.exe serve --content ban-tin --open
echo.
pause
