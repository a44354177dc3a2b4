#pragma once

#include <QDialog>

class QCamera;
class QImageCapture;
class QLabel;
class QMediaCaptureSession;
class QPushButton;
class QVideoWidget;

namespace oneseal::ui {

/**
 * The document camera (高拍仪) as a UVC camera, through Qt Multimedia: a live preview, Space (or
 * Return) captures a page, as many pages as the material has; each page is given as a JPEG by
 * pageCaptured() (the intake window names it and stores it with the material's scans). When no camera is found
 * the dialog says so, and how else pages get in (the camera program's drop folder).
 */
class DocumentCameraDialog : public QDialog
{
    Q_OBJECT

public:
    DocumentCameraDialog(const QString& materialName, const QString& dropFolder, QWidget* parent = nullptr);
    ~DocumentCameraDialog() override;

    bool hasCamera() const { return m_camera != nullptr; }
    QString statusText() const;
    /** A captured frame as the stored page: JPEG, at most 3000 pixels on its long side. */
    static QByteArray encodePage(const QImage& image);

signals:
    void pageCaptured(const QByteArray& jpeg, int page);

private:
    void capture();
    void onCaptured(int id, const QImage& image);

    QString m_materialName;
    QLabel* m_status;
    QPushButton* m_captureButton;
    QVideoWidget* m_preview = nullptr;
    QCamera* m_camera = nullptr;
    QImageCapture* m_capture = nullptr;
    QMediaCaptureSession* m_session = nullptr;
    int m_pages = 0;
};

} // namespace oneseal::ui
