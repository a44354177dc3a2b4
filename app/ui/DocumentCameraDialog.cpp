#include "DocumentCameraDialog.h"

#include <QBuffer>
#include <QCamera>
#include <QDialogButtonBox>
#include <QImageCapture>
#include <QImageWriter>
#include <QLabel>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>
#include <QVideoWidget>

namespace oneseal::ui {

DocumentCameraDialog::DocumentCameraDialog(const QString& materialName, const QString& dropFolder, QWidget* parent)
    : QDialog(parent)
    , m_materialName(materialName)
    , m_status(new QLabel(this))
    , m_captureButton(new QPushButton(tr("Capture page (Space)"), this))
{
    setWindowTitle(tr("Document camera — %1").arg(materialName));
    auto* layout = new QVBoxLayout(this);
    m_status->setObjectName(QStringLiteral("cameraStatusLabel"));
    m_status->setWordWrap(true);
    m_captureButton->setObjectName(QStringLiteral("captureButton"));

    const QList<QCameraDevice> cameras = QMediaDevices::videoInputs();
    if (cameras.isEmpty()) {
        m_status->setText(dropFolder.isEmpty()
                              ? tr("No camera found. Connect the document camera by USB and open this again, or "
                                   "attach a scanned file with Ctrl+O.")
                              : tr("No camera found. Connect the document camera by USB and open this again; pages "
                                   "its own program saves to %1 are attached to the selected material by themselves.")
                                    .arg(dropFolder));
        m_status->setStyleSheet(QStringLiteral("color: #a4262c; padding: 6px;"));
        m_captureButton->setEnabled(false);
        layout->addWidget(m_status);
    } else {
        // A document camera usually names itself (高拍仪, "Document", "Visualizer"); otherwise the default camera.
        QCameraDevice device = QMediaDevices::defaultVideoInput();
        for (const QCameraDevice& c : cameras)
            if (c.description().contains(QStringLiteral("高拍")) || c.description().contains(QLatin1String("Document"), Qt::CaseInsensitive))
                device = c;
        m_camera = new QCamera(device, this);
        m_capture = new QImageCapture(this);
        m_session = new QMediaCaptureSession(this);
        m_preview = new QVideoWidget(this);
        m_preview->setMinimumSize(640, 480);
        m_session->setCamera(m_camera);
        m_session->setImageCapture(m_capture);
        m_session->setVideoOutput(m_preview);
        connect(m_capture, &QImageCapture::imageCaptured, this, &DocumentCameraDialog::onCaptured);
        connect(m_capture, &QImageCapture::errorOccurred, this, [this](int, QImageCapture::Error, const QString& text) {
            m_status->setText(tr("The camera could not capture: %1").arg(text));
        });
        connect(m_camera, &QCamera::errorOccurred, this, [this](QCamera::Error, const QString& text) {
            m_status->setText(tr("The camera failed: %1").arg(text));
            m_captureButton->setEnabled(false);
        });
        m_status->setText(tr("%1: place the page and press Space. Pages captured: 0.").arg(device.description()));
        layout->addWidget(m_preview, 1);
        layout->addWidget(m_status);
        m_camera->start();
    }
    layout->addWidget(m_captureButton);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    layout->addWidget(buttons);
    connect(m_captureButton, &QPushButton::clicked, this, &DocumentCameraDialog::capture);
    for (const QKeySequence& key : {QKeySequence(Qt::Key_Space), QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}) {
        auto* s = new QShortcut(key, this);
        connect(s, &QShortcut::activated, this, &DocumentCameraDialog::capture);
    }
    m_captureButton->setDefault(false);
    m_captureButton->setAutoDefault(false);
}

DocumentCameraDialog::~DocumentCameraDialog()
{
    if (m_camera)
        m_camera->stop();
}

QString DocumentCameraDialog::statusText() const
{
    return m_status->text();
}

void DocumentCameraDialog::capture()
{
    if (!m_capture || !m_captureButton->isEnabled())
        return;
    if (!m_capture->isReadyForCapture()) {
        m_status->setText(tr("The camera is not ready yet; press Space again in a moment."));
        return;
    }
    m_capture->capture();
}

QByteArray DocumentCameraDialog::encodePage(const QImage& image)
{
    QImage page = image;
    if (std::max(page.width(), page.height()) > 3000)
        page = page.scaled(3000, 3000, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setQuality(85);
    if (!writer.write(page))
        return QByteArray();
    return buffer.data();
}

void DocumentCameraDialog::onCaptured(int, const QImage& image)
{
    const QByteArray jpeg = encodePage(image);
    if (jpeg.isEmpty()) {
        m_status->setText(tr("The captured page could not be encoded."));
        return;
    }
    ++m_pages;
    emit pageCaptured(jpeg, m_pages);
    m_status->setText(tr("Pages captured: %1. Place the next page and press Space, or close.").arg(m_pages));
}

} // namespace oneseal::ui
